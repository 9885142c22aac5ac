package io.eventmall.query.catalog;

import io.eventmall.api.category.CategoryView;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "category_view")
class CategoryEntity {

    @Id
    private String categoryId;
    @Column(nullable = false)
    private String name;
    private String parentId;

    protected CategoryEntity() {
    }

    CategoryEntity(String categoryId, String name, String parentId) {
        this.categoryId = categoryId;
        this.name = name;
        this.parentId = parentId;
    }

    CategoryView toView() {
        return new CategoryView(categoryId, name, parentId);
    }
}
